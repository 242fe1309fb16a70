using System.Diagnostics;
using System.Globalization;
using System.Text;
using EdgeMask.TestSupport;

namespace EdgeMask.TestSupport.Mqtt;

/// <summary>TLS listener settings for <see cref="MosquittoBroker"/>: PEM files and whether clients must show a certificate.</summary>
public sealed record MosquittoTls(int Port, string CaFile, string CertFile, string KeyFile, bool RequireClientCertificate);

/// <summary>The only login the broker accepts (anonymous clients are refused).</summary>
public sealed record MosquittoLogin(string Username, string Password);

/// <summary>
/// A real mosquitto (apt, /usr/sbin/mosquitto) on free loopback ports with a generated config. Start, stop and
/// restart on the same ports; "ready" means mosquitto logged that it runs (its listeners are open by then).
/// Killed on dispose.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly string _directory;
    private readonly string _configPath;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private MosquittoBroker(int port, string directory, string configPath)
    {
        Port = port;
        _directory = directory;
        _configPath = configPath;
    }

    public const string Host = "127.0.0.1";

    public int Port { get; }

    /// <summary>What mosquitto logged so far, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <param name="persistence">Keep retained messages and persistent sessions across <see cref="RestartAsync"/> (saved on SIGTERM).</param>
    /// <param name="login">When set, the broker refuses anonymous clients and every other user name or password.</param>
    public static async Task<MosquittoBroker> StartAsync(bool persistence = false, MosquittoTls? tls = null, MosquittoLogin? login = null)
    {
        SystemTools.Require("mosquitto");
        var directory = RepoPaths.NewTempDirectory("mosquitto");
        var port = SystemTools.FreeTcpPort();
        var config = new StringBuilder()
            .AppendLine("user root")
            .AppendLine(CultureInfo.InvariantCulture, $"listener {port} {Host}")
            .AppendLine(CultureInfo.InvariantCulture, $"allow_anonymous {(login is null ? "true" : "false")}")
            .AppendLine(CultureInfo.InvariantCulture, $"persistence {(persistence ? "true" : "false")}")
            .AppendLine(CultureInfo.InvariantCulture, $"persistence_location {directory}/")
            .AppendLine("log_dest stderr")
            .AppendLine("log_type error")
            .AppendLine("log_type warning")
            .AppendLine("log_type notice")
            .AppendLine("log_type information");
        if (tls is not null)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"listener {tls.Port} {Host}")
                .AppendLine(CultureInfo.InvariantCulture, $"cafile {tls.CaFile}")
                .AppendLine(CultureInfo.InvariantCulture, $"certfile {tls.CertFile}")
                .AppendLine(CultureInfo.InvariantCulture, $"keyfile {tls.KeyFile}")
                .AppendLine(CultureInfo.InvariantCulture, $"require_certificate {(tls.RequireClientCertificate ? "true" : "false")}");
        }

        if (login is not null)
        {
            var passwordFile = Path.Combine(directory, "passwords");
            using (var passwd = Process.Start(SystemTools.Require("mosquitto_passwd"), ["-b", "-c", passwordFile, login.Username, login.Password]))
            {
                await passwd.WaitForExitAsync();
                if (passwd.ExitCode != 0)
                {
                    throw new InvalidOperationException($"mosquitto_passwd failed with exit {passwd.ExitCode}");
                }
            }

            config.AppendLine(CultureInfo.InvariantCulture, $"password_file {passwordFile}");
        }

        var configPath = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(configPath, config.ToString());
        var broker = new MosquittoBroker(port, directory, configPath);
        await broker.LaunchAsync();
        return broker;
    }

    /// <summary>Stops mosquitto with SIGTERM (it saves persistence) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(StartTimeout);
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts mosquitto again on the same ports with the same config.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            try
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            _process.Dispose();
            _process = null;
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task LaunchAsync()
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(SystemTools.Require("mosquitto"), ["-c", _configPath])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            },
            EnableRaisingEvents = true,
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_log)
            {
                _log.AppendLine(e.Data);
            }

            if (e.Data.Contains(" running", StringComparison.Ordinal))
            {
                running.TrySetResult();
            }
        };
        process.Exited += (_, _) => running.TrySetException(new InvalidOperationException($"mosquitto exited early:\n{Log}"));
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;
        await running.Task.WaitAsync(StartTimeout);
    }
}
