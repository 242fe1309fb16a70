using System.Security.Cryptography;
using System.Text;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeMask.Mqtt.Broker;

/// <summary>The one user name and password the embedded broker accepts; everything else is refused at CONNECT.</summary>
internal sealed class BrokerLogin(string username, string password)
{
    private readonly byte[] _username = Encoding.UTF8.GetBytes(username);
    private readonly byte[] _password = Encoding.UTF8.GetBytes(password);

    public Task Validate(ValidatingConnectionEventArgs connection)
    {
        var givenUser = Encoding.UTF8.GetBytes(connection.UserName ?? string.Empty);
        var givenPassword = Encoding.UTF8.GetBytes(connection.Password ?? string.Empty);

        // Compared without stopping at the first wrong byte, so the answer's timing does not say how much of a guess was right.
        var userMatches = CryptographicOperations.FixedTimeEquals(givenUser, _username);
        var passwordMatches = CryptographicOperations.FixedTimeEquals(givenPassword, _password);
        if (!(userMatches & passwordMatches))
        {
            connection.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
        }

        return Task.CompletedTask;
    }
}
