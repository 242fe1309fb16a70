using System.ComponentModel.DataAnnotations;
using EdgeMask.Core.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeMask.Core.Tests.Settings;

public class LastValidOptionsTests
{
    [Fact]
    public void Current_AfterAValidEdit_IsTheNewValue()
    {
        using var harness = new Harness();

        harness.Set("Sample:Count", "7");

        Assert.Equal(7, harness.Options.Current.Count);
        Assert.Null(harness.Options.RejectedEditError);
    }

    [Fact]
    public void Current_AfterAnOutOfRangeEdit_KeepsTheLastValidValueAndLogsOneLineNamingTheKey()
    {
        using var harness = new Harness();
        harness.Set("Sample:Count", "7");

        harness.Set("Sample:Count", "500");
        harness.Set("Sample:Count", "500");

        Assert.Equal(7, harness.Options.Current.Count);
        var warning = Assert.Single(harness.Log.Lines, l => l.Level == LogLevel.Warning);
        Assert.Contains("Count", warning.Message, StringComparison.Ordinal);
        Assert.Contains("ignored until fixed", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Current_AfterAValueOfTheWrongType_KeepsTheLastValidValue()
    {
        using var harness = new Harness();

        harness.Set("Sample:Count", "many");

        Assert.Equal(3, harness.Options.Current.Count);
        Assert.NotNull(harness.Options.RejectedEditError);
    }

    [Fact]
    public void Current_WhenTheFileIsFixedAgain_TakesTheFixAndSaysSo()
    {
        using var harness = new Harness();
        harness.Set("Sample:Count", "500");

        harness.Set("Sample:Count", "9");

        Assert.Equal(9, harness.Options.Current.Count);
        Assert.Null(harness.Options.RejectedEditError);
        Assert.Contains(harness.Log.Lines, l => l.Level == LogLevel.Information && l.Message.Contains("valid again", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_InvalidAtStart_Throws()
    {
        using var harness = new Harness(initialCount: "500");

        Assert.ThrowsAny<Exception>(() => harness.Options);
    }

    public sealed class SampleOptions
    {
        [Range(0, 50)]
        public int Count { get; set; }
    }

    private sealed class Harness : IDisposable
    {
        private readonly IConfigurationRoot _configuration;
        private readonly ServiceProvider _services;

        public Harness(string initialCount = "3")
        {
            _configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Sample:Count"] = initialCount })
                .Build();
            _services = new ServiceCollection()
                .AddSingleton<IConfiguration>(_configuration)
                .AddLogging(b => b.AddProvider(Log))
                .AddLastValidOptions()
                .AddOptions<SampleOptions>().BindConfiguration("Sample").ValidateDataAnnotations().Services
                .BuildServiceProvider();
        }

        public CapturingLoggerProvider Log { get; } = new();

        public LastValidOptions<SampleOptions> Options => _services.GetRequiredService<LastValidOptions<SampleOptions>>();

        public void Set(string key, string value)
        {
            _ = Options;
            _configuration[key] = value;
            _configuration.Reload();
        }

        public void Dispose() => _services.Dispose();
    }

    internal sealed class CapturingLoggerProvider : ILoggerProvider, ILogger
    {
        public List<(LogLevel Level, string Message)> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception)));

        public void Dispose()
        {
        }
    }
}
