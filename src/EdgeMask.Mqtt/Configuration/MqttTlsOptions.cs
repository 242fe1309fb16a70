namespace EdgeMask.Mqtt;

/// <summary>The "Mqtt:Tls" section.</summary>
public sealed class MqttTlsOptions
{
    /// <summary>Connect with TLS. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>PEM file of the CA that signed the broker's certificate; unset = the system trust store.</summary>
    public string? CaFile { get; set; }

    /// <summary>Client certificate: a PEM file (with ClientKeyFile) or a PKCS#12 .pfx/.p12 file (without). Optional.</summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>PEM private key of ClientCertificateFile. Optional.</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>Accept any broker certificate (testing only). Default false.</summary>
    public bool AllowUntrusted { get; set; }
}
