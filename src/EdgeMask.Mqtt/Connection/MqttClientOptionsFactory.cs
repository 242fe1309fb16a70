using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeMask.Mqtt.Connection;

/// <summary>Turns <see cref="MqttOptions"/> into MQTTnet client options: endpoint, protocol, credentials, TLS, and the Last Will.</summary>
internal static class MqttClientOptionsFactory
{
    public const string Online = "online";
    public const string Offline = "offline";

    /// <summary>How long connect, publish and subscribe may wait for the broker before the connection counts as dead.</summary>
    public static readonly TimeSpan CommunicationTimeout = TimeSpan.FromSeconds(10);

    public static MqttClientOptions Create(MqttOptions options, MqttTopics topics)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithClientId(options.ClientId)
            .WithProtocolVersion(options.ProtocolVersion == 311 ? MqttProtocolVersion.V311 : MqttProtocolVersion.V500)
            .WithKeepAlivePeriod(options.KeepAlive)
            .WithTimeout(CommunicationTimeout)
            // Commands sent while the sentinel was away are stale; a clean session drops them.
            .WithCleanSession(true)
            .WithWillTopic(topics.Availability)
            .WithWillPayload(Offline)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);

        if (!string.IsNullOrEmpty(options.Username))
        {
            builder.WithCredentials(options.Username, MqttCredentials.ResolvePassword(options));
        }

        if (options.Tls.Enabled)
        {
            builder.WithTlsOptions(tls => ConfigureTls(tls, options.Tls, options.Host));
        }

        return builder.Build();
    }

    private static void ConfigureTls(MqttClientTlsOptionsBuilder tls, MqttTlsOptions settings, string host)
    {
        tls.UseTls().WithTargetHost(host);
        if (settings.AllowUntrusted)
        {
            tls.WithCertificateValidationHandler(_ => true);
        }
        else if (!string.IsNullOrEmpty(settings.CaFile))
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(settings.CaFile);
            tls.WithCertificateValidationHandler(e => IsTrustedBy(e.Certificate, e.Chain, e.SslPolicyErrors, authorities));
        }

        if (!string.IsNullOrEmpty(settings.ClientCertificateFile))
        {
            tls.WithClientCertificates([LoadClientCertificate(settings)]);
        }
    }

    /// <summary>Accepts the broker's certificate when it chains to one of <paramref name="authorities"/> and names the host.</summary>
    internal static bool IsTrustedBy(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }

    private static X509Certificate2 LoadClientCertificate(MqttTlsOptions settings)
    {
        if (!string.IsNullOrEmpty(settings.ClientKeyFile))
        {
            return X509Certificate2.CreateFromPemFile(settings.ClientCertificateFile!, settings.ClientKeyFile);
        }

        var path = settings.ClientCertificateFile!;
        return path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase)
            ? X509Certificate2.CreateFromPemFile(path)
            : X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
    }
}
