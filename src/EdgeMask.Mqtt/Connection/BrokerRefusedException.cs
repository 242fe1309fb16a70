using MQTTnet;

namespace EdgeMask.Mqtt.Connection;

/// <summary>The broker answered the CONNECT with a refusal (CONNACK reason other than success).</summary>
internal sealed class BrokerRefusedException : Exception
{
    public BrokerRefusedException(MqttClientConnectResult result)
        : base(Describe(result))
    {
    }

    public BrokerRefusedException()
    {
    }

    public BrokerRefusedException(string message)
        : base(message)
    {
    }

    public BrokerRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static string Describe(MqttClientConnectResult result)
    {
        var why = result.ResultCode switch
        {
            MqttClientConnectResultCode.BadUserNameOrPassword => "bad user name or password (check Mqtt:Username and Mqtt:PasswordFile)",
            MqttClientConnectResultCode.NotAuthorized => "not authorised (check Mqtt:Username, Mqtt:PasswordFile and the broker's access list)",
            MqttClientConnectResultCode.ClientIdentifierNotValid => "client id not accepted (Mqtt:ClientId)",
            MqttClientConnectResultCode.Banned => "this client is banned",
            MqttClientConnectResultCode.ServerUnavailable or MqttClientConnectResultCode.ServerBusy => "broker unavailable or busy",
            _ => result.ResultCode.ToString(),
        };
        return string.IsNullOrEmpty(result.ReasonString)
            ? $"broker refused the login: {why}"
            : $"broker refused the login: {why}; broker says '{Core.Text.PrintableText.Escape(result.ReasonString)}'";
    }
}
