using System.ComponentModel.DataAnnotations;

namespace EdgeMask.Web;

/// <summary>The "Web" section: the dashboard on the device.</summary>
public sealed class WebOptions
{
    public const string SectionName = "Web";

    /// <summary>Serve the dashboard. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Address to listen on. Default 127.0.0.1 (this machine only); any other address needs Username and a password hash.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Web:BindAddress is required")]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>TCP port. Default 8080; range 1-65535.</summary>
    [Range(1, 65535, ErrorMessage = "Web:Port must be 1-65535")]
    public int Port { get; set; } = 8080;

    /// <summary>User name for HTTP Basic authentication; with PasswordHash or PasswordHashFile every page and control needs it.</summary>
    public string? Username { get; set; }

    /// <summary>Password hash made by <c>edgemask hash-password</c> (ASP.NET Core Identity's PBKDF2 format); never the password itself.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>File holding the password hash (preferred over PasswordHash: keep it readable by the service only).</summary>
    public string? PasswordHashFile { get; set; }

    /// <summary>PEM certificate for HTTPS; with CertificateKeyFile the dashboard serves HTTPS only.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM private key of CertificateFile.</summary>
    public string? CertificateKeyFile { get; set; }

    /// <summary>Most frames per second the live view encodes. Default 5; range 1-30. Encoding runs off the frame loop and only while someone watches.</summary>
    [Range(1, 30, ErrorMessage = "Web:StreamMaxFps must be 1-30")]
    public int StreamMaxFps { get; set; } = 5;

    /// <summary>JPEG quality of the live view and snapshots. Default 80; range 30-95.</summary>
    [Range(30, 95, ErrorMessage = "Web:JpegQuality must be 30-95")]
    public int JpegQuality { get; set; } = 80;

    /// <summary>Most live streams (MJPEG and server-sent events each count) at once. Default 4; range 1-32.</summary>
    [Range(1, 32, ErrorMessage = "Web:MaxStreams must be 1-32")]
    public int MaxStreams { get; set; } = 4;

    /// <summary>Requests per minute from one address before it gets 429. Default 600; range 10-100000.</summary>
    [Range(10, 100_000, ErrorMessage = "Web:RequestsPerMinute must be 10-100000")]
    public int RequestsPerMinute { get; set; } = 600;
}
