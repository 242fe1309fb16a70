using System.ComponentModel.DataAnnotations;
using System.Net;
using EdgeMask.Mqtt.Outbox;
using Microsoft.Extensions.Options;

namespace EdgeMask.Mqtt;

/// <summary>Cross-field rules and the nested sections' annotations; every message names the full key.</summary>
internal sealed class MqttOptionsValidator : IValidateOptions<MqttOptions>
{
    public ValidateOptionsResult Validate(string? name, MqttOptions options)
    {
        var failures = new List<string>();
        ValidateNested(options.Tls, failures);
        ValidateNested(options.Outbox, failures);
        ValidateNested(options.HomeAssistant, failures);
        ValidateNested(options.Commands, failures);
        ValidateNested(options.EmbeddedBroker, failures);
        ValidateNested(options.EmbeddedBroker.WebSocket, failures);

        if (options.ProtocolVersion is not (311 or 500))
        {
            failures.Add($"Mqtt:ProtocolVersion must be 311 (MQTT 3.1.1) or 500 (MQTT 5), not {options.ProtocolVersion}");
        }

        if (!DeviceIds.IsValid(options.DeviceId))
        {
            failures.Add($"Mqtt:DeviceId '{options.DeviceId}' must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'");
        }

        if (TopicRules.Problem(options.TopicPrefix) is { } prefixProblem)
        {
            failures.Add($"Mqtt:TopicPrefix '{options.TopicPrefix}' {prefixProblem}");
        }

        if (TopicRules.Problem(options.HomeAssistant.DiscoveryPrefix) is { } discoveryProblem)
        {
            failures.Add($"Mqtt:HomeAssistant:DiscoveryPrefix '{options.HomeAssistant.DiscoveryPrefix}' {discoveryProblem}");
        }

        if (options.HomeAssistant.ConfigurationUrl is { } url
            && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            failures.Add($"Mqtt:HomeAssistant:ConfigurationUrl '{url}' must be an absolute http:// or https:// address");
        }

        if (TopicRules.Problem(options.HomeAssistant.StatusTopic) is { } statusProblem)
        {
            failures.Add($"Mqtt:HomeAssistant:StatusTopic '{options.HomeAssistant.StatusTopic}' {statusProblem}");
        }

        if (options.ReconnectMinDelay > options.ReconnectMaxDelay)
        {
            failures.Add($"Mqtt:ReconnectMinDelay ({options.ReconnectMinDelay}) must not exceed Mqtt:ReconnectMaxDelay ({options.ReconnectMaxDelay})");
        }

        RequireFileIfSet(options.PasswordFile, "Mqtt:PasswordFile", failures);
        if (string.IsNullOrEmpty(options.Username) && (!string.IsNullOrEmpty(options.PasswordFile) || !string.IsNullOrEmpty(options.Password)))
        {
            failures.Add("Mqtt:Username is required when Mqtt:PasswordFile or Mqtt:Password is set");
        }

        ValidateTls(options.Tls, failures);

        // Only a daemon that publishes opens the outbox (Mqtt:Enabled=false never touches the folder).
        if (options.Enabled && !string.IsNullOrWhiteSpace(options.Outbox.Directory) && EdgeMask.Core.Storage.WritableDirectory.Problem(options.Outbox.Directory) is { } outboxProblem)
        {
            failures.Add($"Mqtt:Outbox:Directory '{options.Outbox.Directory}' {outboxProblem}");
        }

        ValidateEmbeddedBroker(options.EmbeddedBroker, failures);
        if (options.EmbeddedBroker is { Enabled: true, Username.Length: > 0 } broker && string.IsNullOrEmpty(options.Username)
            && options.Port == broker.Port && options.Host is "localhost" or "127.0.0.1" or "::1")
        {
            failures.Add("Mqtt:Username is required: the embedded broker refuses anonymous clients, this daemon's own included (give it Mqtt:EmbeddedBroker:Username and a password file)");
        }

        ValidateWebSocket(options.EmbeddedBroker, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateTls(MqttTlsOptions tls, List<string> failures)
    {
        var anyFile = !string.IsNullOrEmpty(tls.CaFile) || !string.IsNullOrEmpty(tls.ClientCertificateFile) || !string.IsNullOrEmpty(tls.ClientKeyFile);
        if (!tls.Enabled)
        {
            if (anyFile)
            {
                failures.Add("Mqtt:Tls:CaFile/ClientCertificateFile/ClientKeyFile are set but Mqtt:Tls:Enabled is false");
            }

            return;
        }

        RequireFileIfSet(tls.CaFile, "Mqtt:Tls:CaFile", failures);
        RequireFileIfSet(tls.ClientCertificateFile, "Mqtt:Tls:ClientCertificateFile", failures);
        RequireFileIfSet(tls.ClientKeyFile, "Mqtt:Tls:ClientKeyFile", failures);
        if (!string.IsNullOrEmpty(tls.ClientKeyFile) && string.IsNullOrEmpty(tls.ClientCertificateFile))
        {
            failures.Add("Mqtt:Tls:ClientKeyFile needs Mqtt:Tls:ClientCertificateFile");
        }

        if (tls.AllowUntrusted && !string.IsNullOrEmpty(tls.CaFile))
        {
            failures.Add("Mqtt:Tls:AllowUntrusted and Mqtt:Tls:CaFile contradict each other; set one");
        }
    }

    private static void ValidateEmbeddedBroker(EmbeddedBrokerOptions broker, List<string> failures)
    {
        var hasUser = !string.IsNullOrEmpty(broker.Username);
        var hasPassword = !string.IsNullOrEmpty(broker.PasswordFile);
        if (hasUser != hasPassword)
        {
            failures.Add("Mqtt:EmbeddedBroker:Username and Mqtt:EmbeddedBroker:PasswordFile go together: set both or neither");
        }

        RequireFileIfSet(broker.PasswordFile, "Mqtt:EmbeddedBroker:PasswordFile", failures);
        if (!broker.Enabled)
        {
            return;
        }

        if (!IPAddress.TryParse(broker.BindAddress, out var address))
        {
            failures.Add($"Mqtt:EmbeddedBroker:BindAddress '{broker.BindAddress}' is not an IP address");
        }
        else if (!IPAddress.IsLoopback(address) && !(hasUser && hasPassword))
        {
            failures.Add($"Mqtt:EmbeddedBroker:BindAddress '{broker.BindAddress}' is reachable from the network: set Mqtt:EmbeddedBroker:Username and Mqtt:EmbeddedBroker:PasswordFile, or listen on 127.0.0.1 (an open broker lets anyone read every topic and pause detection)");
        }
    }

    private static void ValidateWebSocket(EmbeddedBrokerOptions broker, List<string> failures)
    {
        var webSocket = broker.WebSocket;
        if (!string.IsNullOrEmpty(webSocket.Path) && !IsWebSocketPath(webSocket.Path))
        {
            failures.Add($"Mqtt:EmbeddedBroker:WebSocket:Path '{webSocket.Path}' must start with '/' and hold only letters, digits, '-', '_', '.', '~' and single '/' separators");
        }

        if (!webSocket.Enabled)
        {
            return;
        }

        if (!broker.Enabled)
        {
            failures.Add("Mqtt:EmbeddedBroker:WebSocket:Enabled needs Mqtt:EmbeddedBroker:Enabled");
        }
        else if (webSocket.Port == broker.Port)
        {
            failures.Add($"Mqtt:EmbeddedBroker:WebSocket:Port ({webSocket.Port}) must differ from Mqtt:EmbeddedBroker:Port ({broker.Port})");
        }
    }

    // The path becomes an ASP.NET Core route pattern: braces, '*' or '//' would change its meaning or fail late.
    private static bool IsWebSocketPath(string path) =>
        path.StartsWith('/') && !path.Contains("//", StringComparison.Ordinal)
        && path.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '/');

    private static void RequireFileIfSet(string? path, string key, List<string> failures)
    {
        if (!string.IsNullOrEmpty(path) && !File.Exists(path))
        {
            failures.Add($"{key} '{path}' does not exist");
        }
    }

    private static void ValidateNested(object section, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => r.ErrorMessage ?? $"{section.GetType().Name} is invalid"));
        }
    }
}
