using System.Text;
using EdgeMask.Web.Security;
using Microsoft.Extensions.Time.Testing;

namespace EdgeMask.Web.Tests;

public sealed class WebSecurityTests
{
    private static readonly string Hash = DashboardPasswords.Hash("correct horse battery");

    [Fact]
    public void Credentials_AcceptTheRightUserAndPassword_AndNothingElse()
    {
        var credentials = new DashboardCredentials("admin", Hash, new FakeTimeProvider());
        Assert.True(credentials.Accepts(Basic("admin", "correct horse battery")));
        Assert.True(credentials.Accepts(Basic("admin", "correct horse battery")));
        Assert.False(credentials.Accepts(Basic("admin", "wrong")));
        Assert.False(credentials.Accepts(Basic("root", "correct horse battery")));
        Assert.False(credentials.Accepts("Basic not-base64!"));
        Assert.False(credentials.Accepts("Bearer abc"));
        Assert.False(credentials.Accepts(null));
    }

    [Theory]
    [InlineData("127.0.0.1", null, null, true)]
    [InlineData("::1", null, null, true)]
    [InlineData("0.0.0.0", null, null, false)]
    [InlineData("192.168.1.20", "admin", null, false)]
    [InlineData("0.0.0.0", "admin", "hash", true)]
    [InlineData("door.local", null, null, false)]
    public void Validator_RefusesToListenBeyondThisMachineWithoutCredentials(string address, string? user, string? hash, bool valid)
    {
        var options = new WebOptions { BindAddress = address, Username = user, PasswordHash = hash is null ? null : Hash };
        var result = new WebOptionsValidator().Validate(null, options);
        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Web:", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validator_RejectsAPlainPasswordWhereTheHashBelongs()
    {
        var result = new WebOptionsValidator().Validate(null, new WebOptions { Username = "admin", PasswordHash = "hunter22" });
        Assert.False(result.Succeeded);
        Assert.Contains("Web:PasswordHash is not a hash made by 'edgemask hash-password'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_NamesACertificateThatCannotBeLoaded()
    {
        var result = new WebOptionsValidator().Validate(null, new WebOptions { CertificateFile = "/nonexistent/cert.pem", CertificateKeyFile = "/nonexistent/key.pem" });
        Assert.False(result.Succeeded);
        Assert.Contains("Web:CertificateFile '/nonexistent/cert.pem'", result.FailureMessage, StringComparison.Ordinal);
    }

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
}
