using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EdgeMask.Web.Security;
using Microsoft.Extensions.Options;

namespace EdgeMask.Web;

/// <summary>Cross-field rules of the "Web" section; every message names the key.</summary>
internal sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!IPAddress.TryParse(options.BindAddress, out var address))
        {
            failures.Add($"Web:BindAddress '{options.BindAddress}' is not an IP address (use 127.0.0.1 for this machine only, 0.0.0.0 for every interface)");
        }

        if (options.PasswordHash is not null && options.PasswordHashFile is not null)
        {
            failures.Add("Web:PasswordHash and Web:PasswordHashFile are both set; keep one");
        }

        string? hash = null;
        try
        {
            hash = DashboardCredentials.ReadHash(options);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            failures.Add($"Web:PasswordHashFile '{options.PasswordHashFile}' cannot be read: {ex.Message}");
        }

        if (hash is not null && !DashboardCredentials.LooksLikeHash(hash))
        {
            failures.Add("Web:PasswordHash is not a hash made by 'edgemask hash-password' (a plain password must never be stored in the configuration)");
        }

        var hasCredentials = !string.IsNullOrEmpty(options.Username) && hash is not null;
        if ((hash is not null) != !string.IsNullOrEmpty(options.Username) && failures.Count == 0)
        {
            failures.Add("Web:Username and a password hash (Web:PasswordHash or Web:PasswordHashFile) go together: set both or neither");
        }

        if (address is not null && !IPAddress.IsLoopback(address) && !hasCredentials)
        {
            failures.Add($"Web:BindAddress {options.BindAddress} reaches beyond this machine: set Web:Username and Web:PasswordHashFile (from 'edgemask hash-password') first");
        }

        if ((options.CertificateFile is null) != (options.CertificateKeyFile is null))
        {
            failures.Add("Web:CertificateFile and Web:CertificateKeyFile go together: set both for HTTPS or neither");
        }
        else if (options.CertificateFile is not null)
        {
            try
            {
                using var certificate = X509Certificate2.CreateFromPemFile(options.CertificateFile, options.CertificateKeyFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                failures.Add($"Web:CertificateFile '{options.CertificateFile}' with Web:CertificateKeyFile '{options.CertificateKeyFile}' cannot be loaded: {ex.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
