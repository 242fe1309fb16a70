using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace EdgeMask.Web.Security;

/// <summary>
/// The dashboard's one user. Passwords are checked against an ASP.NET Core Identity hash (PBKDF2, salted, many
/// rounds). That is slow on purpose, so a checked Authorization header is remembered for a few minutes by its SHA-256:
/// a watching page makes many requests, and the Pi should not spend them deriving keys.
/// </summary>
internal sealed class DashboardCredentials
{
    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);
    private const int MaxRemembered = 64;

    private readonly string _username;
    private readonly string _hash;
    private readonly PasswordHasher<string> _hasher = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _verified = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public DashboardCredentials(string username, string hash, TimeProvider time)
    {
        _username = username;
        _hash = hash;
        _time = time;
    }

    /// <summary>The configured credentials, or null where none are set (loopback only; validation enforces that).</summary>
    public static DashboardCredentials? From(WebOptions options, TimeProvider time) =>
        !string.IsNullOrEmpty(options.Username) && ReadHash(options) is { } hash ? new DashboardCredentials(options.Username, hash, time) : null;

    /// <summary>The hash from Web:PasswordHashFile (trimmed) or Web:PasswordHash; null when neither is set.</summary>
    public static string? ReadHash(WebOptions options) =>
        options.PasswordHashFile is { Length: > 0 } file ? File.ReadAllText(file).Trim() : options.PasswordHash?.Trim();

    /// <summary>Identity's version-3 format: base64 of a 0x01 marker, algorithm, rounds, salt and subkey.</summary>
    public static bool LooksLikeHash(string hash)
    {
        var bytes = new byte[hash.Length];
        return Convert.TryFromBase64String(hash, bytes, out var length) && length >= 13 && bytes[0] == 0x01;
    }

    public static string Hash(string password) => new PasswordHasher<string>().HashPassword("edgemask", password);

    /// <summary>True when the Basic Authorization header names the user with the right password.</summary>
    public bool Accepts(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)));
        var now = _time.GetUtcNow();
        if (_verified.TryGetValue(key, out var until) && until > now)
        {
            return true;
        }

        if (!TryDecode(authorization["Basic ".Length..].Trim(), out var user, out var password)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(user), Encoding.UTF8.GetBytes(_username))
            || _hasher.VerifyHashedPassword("edgemask", _hash, password) == PasswordVerificationResult.Failed)
        {
            return false;
        }

        if (_verified.Count >= MaxRemembered)
        {
            _verified.Clear();
        }

        _verified[key] = now + RememberFor;
        return true;
    }

    private static bool TryDecode(string encoded, out string user, out string password)
    {
        user = password = string.Empty;
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var length))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, length);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        user = text[..colon];
        password = text[(colon + 1)..];
        return true;
    }
}
