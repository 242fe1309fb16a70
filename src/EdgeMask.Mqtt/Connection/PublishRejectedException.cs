namespace EdgeMask.Mqtt.Connection;

/// <summary>The broker answered a QoS 1 publish with an error reason code (MQTT 5), e.g. not authorised.</summary>
public sealed class PublishRejectedException : Exception
{
    public PublishRejectedException()
    {
    }

    public PublishRejectedException(string message)
        : base(message)
    {
    }

    public PublishRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
