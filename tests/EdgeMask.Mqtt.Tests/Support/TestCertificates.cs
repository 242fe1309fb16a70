using System.Diagnostics;
using EdgeMask.TestSupport;

namespace EdgeMask.Mqtt.Tests.Support;

/// <summary>A throw-away CA with a server certificate (localhost, 127.0.0.1) and a client certificate, made with openssl.</summary>
public sealed record TestCertificates(string Directory, string CaFile, string ServerCert, string ServerKey, string ClientCert, string ClientKey, string OtherCaFile)
{
    public static async Task<TestCertificates> CreateAsync()
    {
        var dir = RepoPaths.NewTempDirectory("certs");
        string P(string name) => Path.Combine(dir, name);
        await File.WriteAllTextAsync(P("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        await File.WriteAllTextAsync(P("client.ext"), "extendedKeyUsage=clientAuth\n");
        await OpenSslAsync(dir, "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.crt -days 2 -subj /CN=EdgeMask-Test-CA");
        await OpenSslAsync(dir, "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout other-ca.key -out other-ca.crt -days 2 -subj /CN=Unrelated-CA");
        foreach (var name in new[] { "server", "client" })
        {
            await OpenSslAsync(dir, $"req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout {name}.key -out {name}.csr -subj /CN={name}");
            await OpenSslAsync(dir, $"x509 -req -in {name}.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out {name}.crt -days 2 -extfile {name}.ext");
        }

        return new TestCertificates(dir, P("ca.crt"), P("server.crt"), P("server.key"), P("client.crt"), P("client.key"), P("other-ca.crt"));
    }

    private static async Task OpenSslAsync(string directory, string arguments)
    {
        var start = new ProcessStartInfo(SystemTools.Require("openssl"), arguments.Split(' '))
        {
            WorkingDirectory = directory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {arguments} failed: {await error}");
        }
    }
}
