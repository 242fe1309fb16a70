namespace EdgeMask.Mqtt;

/// <summary>What makes a string unusable as a topic we publish to.</summary>
internal static class TopicRules
{
    /// <summary>Null when <paramref name="topic"/> is a valid publish topic, otherwise what is wrong with it.</summary>
    public static string? Problem(string? topic)
    {
        if (string.IsNullOrEmpty(topic))
        {
            return "must not be empty";
        }

        if (topic.Length > 200)
        {
            return "is longer than 200 characters";
        }

        if (topic.IndexOfAny(['+', '#', '\0']) >= 0)
        {
            return "must not contain '+', '#' or NUL";
        }

        if (topic.StartsWith('/') || topic.EndsWith('/') || topic.Contains("//", StringComparison.Ordinal))
        {
            return "must not start or end with '/' or contain an empty level";
        }

        return topic.StartsWith('$') ? "must not start with '$' (reserved for the broker)" : null;
    }
}
