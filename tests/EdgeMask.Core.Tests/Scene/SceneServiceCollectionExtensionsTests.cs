using EdgeMask.Core.Control;
using EdgeMask.Core.Scene;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeMask.Core.Tests.Scene;

public class SceneServiceCollectionExtensionsTests
{
    [Fact]
    public void AddSceneLogic_BindsEveryKeyOfTheSceneSection()
    {
        using var services = Build(new()
        {
            ["Scene:TrackMaxUnseen"] = "00:00:02",
            ["Scene:VerdictWindowFrames"] = "12",
            ["Scene:VerdictMinFrames"] = "8",
            ["Scene:DistanceMode"] = "Pixels",
            ["Scene:FocalLengthPixels"] = "987.5",
            ["Scene:MinDistanceMeters"] = "2",
            ["Scene:WornIncorrectlyIsViolation"] = "false",
            ["Scene:SummaryPeriod"] = "00:15:00",
        });

        var options = services.GetRequiredService<IOptions<SceneOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(2), options.TrackMaxUnseen);
        Assert.Equal((12, 8), (options.VerdictWindowFrames, options.VerdictMinFrames));
        Assert.Equal(DistanceMode.Pixels, options.DistanceMode);
        Assert.Equal(987.5, options.FocalLengthPixels);
        Assert.Equal(2, options.MinDistanceMeters);
        Assert.False(options.WornIncorrectlyIsViolation);
        Assert.Equal(TimeSpan.FromMinutes(15), options.SummaryPeriod);
        Assert.Equal(0.15, options.FaceWidthMeters);
    }

    [Fact]
    public void AddSceneLogic_RegistersOneAnalyzerAndReusesTheHostsRuntimeControls()
    {
        var controls = new RuntimeControls();
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton(controls)
            .AddSceneLogic()
            .AddSceneLogic()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.Same(controls, services.GetRequiredService<RuntimeControls>());
        Assert.Single(services.GetServices<ISceneAnalyzer>());
        Assert.Single(services.GetServices<IValidateOptions<SceneOptions>>().OfType<SceneOptionsValidator>());
    }

    [Fact]
    public void AddSceneLogic_ValueOutOfRange_FailsAtStartNamingTheFullKey()
    {
        using var services = Build(new() { ["Scene:FaceWidthMeters"] = "0.9" });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Scene:FaceWidthMeters must be between 0.05 and 0.5", ex.Message);
    }

    [Fact]
    public void AddSceneLogic_CrossFieldRuleBroken_FailsAtStartNamingTheFullKey()
    {
        using var services = Build(new() { ["Scene:VerdictMinFrames"] = "20" });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Scene:VerdictMinFrames (20) must not exceed Scene:VerdictWindowFrames (10)", ex.Message);
    }

    [Fact]
    public void AddSceneLogic_TimeSpanOutOfRange_FailsNamingTheFullKey()
    {
        using var services = Build(new() { ["Scene:TrackMaxUnseen"] = "00:05:00" });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Scene:TrackMaxUnseen must be between 00:00:00.0500000 and 00:01:00", ex.Message);
    }

    [Fact]
    public void AddSceneLogic_UnknownKey_IsReportedNotIgnored()
    {
        using var services = Build(new() { ["Scene:MinDistanceMetres"] = "2" });

        var ex = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptions<SceneOptions>>().Value);

        Assert.Contains("MinDistanceMetres", ex.Message);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddSceneLogic()
            .BuildServiceProvider();
}
