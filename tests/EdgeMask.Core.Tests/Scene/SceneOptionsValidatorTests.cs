using EdgeMask.Core.Scene;

namespace EdgeMask.Core.Tests.Scene;

public class SceneOptionsValidatorTests
{
    private readonly SceneOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(_validator.Validate(null, new SceneOptions()).Succeeded);
    }

    [Fact]
    public void Validate_MinFramesAboveWindow_NamesBothKeys()
    {
        var result = _validator.Validate(null, new SceneOptions { VerdictWindowFrames = 5, VerdictMinFrames = 7 });

        Assert.True(result.Failed);
        Assert.Contains("Scene:VerdictMinFrames (7) must not exceed Scene:VerdictWindowFrames (5)", result.FailureMessage);
    }

    [Fact]
    public void Validate_UndefinedDistanceMode_NamesTheKeyAndTheChoices()
    {
        var result = _validator.Validate(null, new SceneOptions { DistanceMode = (DistanceMode)7 });

        Assert.Contains("Scene:DistanceMode '7' is not supported; use 'Metric' or 'Pixels'", result.FailureMessage);
    }

    [Fact]
    public void Validate_SubSecondSummaryPeriod_Fails()
    {
        var result = _validator.Validate(null, new SceneOptions { SummaryPeriod = TimeSpan.FromMilliseconds(500) });

        Assert.Contains("Scene:SummaryPeriod (00:00:00.5000000) must be 0 (off) or at least 00:00:01", result.FailureMessage);
    }

    [Fact]
    public void Validate_SummaryPeriodZero_MeansOff()
    {
        Assert.True(_validator.Validate(null, new SceneOptions { SummaryPeriod = TimeSpan.Zero }).Succeeded);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsThemAll()
    {
        var result = _validator.Validate(null, new SceneOptions
        {
            VerdictWindowFrames = 2,
            VerdictMinFrames = 3,
            SummaryPeriod = TimeSpan.FromTicks(1),
        });

        Assert.Equal(2, result.Failures!.Count());
    }
}
