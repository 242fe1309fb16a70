using EdgeMask.Core.Health;
using EdgeMask.Core.Outputs;
using EdgeMask.Signals.Hardware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace EdgeMask.Signals.Tests;

public sealed class SignalsServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddSignals_SimulatedDriver_RegistersSinkTesterAndEngine_AndStopLeavesOutputsOff()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Signals:Driver"] = "Simulated",
            ["Signals:DistanceLedPin"] = "5",
        }).Build();
        var time = new FakeTimeProvider(Fakes.SignalRig.StartedAt);
        await using var provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<IConfiguration>(configuration)
            .AddSignals()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var controller = provider.GetRequiredService<SignalController>();
        Assert.Contains(controller, provider.GetServices<ISceneSink>());
        Assert.NotNull(provider.GetRequiredService<OutputTester>());
        var outputs = provider.GetRequiredService<SignalOutputs>();
        Assert.True(outputs.IsSimulated);
        Assert.Equal("simulated: configured", provider.GetRequiredService<PipelineHealth>().Snapshot().Components["signals"]);

        var engine = Assert.Single(provider.GetServices<IHostedService>());
        await engine.StartAsync(CancellationToken.None);
        await controller.OnSceneUpdateAsync(Fakes.SignalRig.Update(mask: true, distance: false), CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(20)); // one tick of the default interval
        Assert.True(outputs.IsOn(SignalOutputKind.RedLed));
        await engine.StopAsync(CancellationToken.None);

        Assert.All(outputs.Configured, kind => Assert.False(outputs.IsOn(kind)));
    }
}
