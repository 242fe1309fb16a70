using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace EdgeMask.Configuration;

/// <summary>
/// A JSON configuration file that is edited while the daemon runs. An edit that cannot be read (saved half-way, a
/// stray comma) keeps the settings last read from the file and says so once on stderr (the journal); the stock
/// provider would drop every key of the file instead, putting each reloadable setting back to its default without a
/// word. The first read still fails as usual, so a broken file stops the start with exit 78.
/// </summary>
internal sealed class LastReadableJsonConfigurationSource : JsonConfigurationSource
{
    public TextWriter Problems { get; init; } = Console.Error;

    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new LastReadableJsonConfigurationProvider(this);
    }
}

internal sealed class LastReadableJsonConfigurationProvider(LastReadableJsonConfigurationSource source) : JsonConfigurationProvider(source)
{
    private bool _readOnce;
    private string? _problem;

    public override void Load(Stream stream)
    {
        if (!_readOnce)
        {
            base.Load(stream);
            _readOnce = true;
            return;
        }

        try
        {
            base.Load(stream);
            if (_problem is not null)
            {
                source.Problems.WriteLine($"edgemask: configuration file '{FilePath}' is readable again; its settings apply");
                _problem = null;
            }
        }
        catch (FormatException ex)
        {
            var problem = string.Join(": ", Messages(ex));
            if (problem != _problem)
            {
                source.Problems.WriteLine($"edgemask: configuration file '{FilePath}' cannot be read after an edit ({problem}); the settings last read from it stay in force");
                _problem = problem;
            }
        }
    }

    private string FilePath => source.FileProvider?.GetFileInfo(source.Path ?? string.Empty).PhysicalPath ?? source.Path ?? "?";

    private static IEnumerable<string> Messages(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e.Message.ReplaceLineEndings(" ");
        }
    }
}
