namespace EdgeMask.Mqtt;

/// <summary>Finds the broker password: PasswordFile, then the environment variable, then the plain Password key.</summary>
internal static class MqttCredentials
{
    public static string? ResolvePassword(MqttOptions options)
    {
        if (!string.IsNullOrEmpty(options.PasswordFile))
        {
            return File.ReadAllText(options.PasswordFile).TrimEnd('\r', '\n');
        }

        if (!string.IsNullOrEmpty(options.PasswordEnvironmentVariable)
            && Environment.GetEnvironmentVariable(options.PasswordEnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        return string.IsNullOrEmpty(options.Password) ? null : options.Password;
    }
}
