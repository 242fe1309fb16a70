namespace EdgeMask.Mqtt.Outbox;

/// <summary>An event waiting in the outbox: its sequence number, its file and the file's size.</summary>
internal sealed record OutboxEntry(long Sequence, string Path, long SizeBytes);
