using System.Text;
using EdgeMask.Mqtt.Outbox;

namespace EdgeMask.Mqtt.HomeAssistant;

/// <summary>
/// The discovery topics this device last left retained on its broker, kept in the state folder beside the outbox.
/// Discovery configs are retained, so an entity outlives the device id, prefix or setting that made it: with this
/// list the daemon clears (empty retained payload) every topic it no longer publishes, when discovery is turned off,
/// the device is renamed, or an entity is dropped, and `edgemask forget-home-assistant` clears them all.
/// </summary>
internal sealed class DiscoveryLedger(string path)
{
    public const string FileName = "home-assistant-discovery.topics";

    public static DiscoveryLedger Beside(EventOutbox outbox) => InOutboxFolder(outbox.Directory);

    /// <summary>The ledger of the outbox folder <paramref name="outboxDirectory"/> (Mqtt:Outbox:Directory), without opening the outbox.</summary>
    public static DiscoveryLedger InOutboxFolder(string outboxDirectory) => new(System.IO.Path.Combine(System.IO.Path.GetFullPath(outboxDirectory), FileName));

    public string Path { get; } = path;

    public IReadOnlySet<string> Load()
    {
        try
        {
            return File.ReadAllLines(Path).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
        }
        catch (FileNotFoundException)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }
        catch (DirectoryNotFoundException)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }
    }

    public void Save(IEnumerable<string> topics) =>
        DurableFile.Write(Path, Encoding.UTF8.GetBytes(string.Concat(topics.Order(StringComparer.Ordinal).Select(t => t + "\n"))));
}
