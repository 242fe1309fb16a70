using EdgeMask.Detection.Learned;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeMask.Detection.Tests;

public sealed class LearnedDetectorOptionsTests
{
    [Theory]
    [InlineData("400", "Detection:Learned:SsdInputSizePixels must be a multiple of 32")]
    [InlineData("96", "SsdInputSizePixels")]
    [InlineData("2048", "SsdInputSizePixels")]
    public void Options_InvalidSsdInputSize_FailValidationNamingTheKey(string size, string expected)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind(("SsdInputSizePixels", size)));

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Options_SsdInputSizeUnset_IsNullSoTheModelDecides()
    {
        Assert.Null(Bind().SsdInputSizePixels);
    }

    [Fact]
    public void Options_SsdInputSize384_Binds()
    {
        Assert.Equal(384, Bind(("SsdInputSizePixels", "384")).SsdInputSizePixels);
    }

    private static LearnedDetectorOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.ToDictionary(s => $"{LearnedDetectorOptions.SectionName}:{s.Key}", s => (string?)s.Value))
            .Build();
        using var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLearnedDetectorOptions()
            .BuildServiceProvider();
        return provider.GetRequiredService<IOptions<LearnedDetectorOptions>>().Value;
    }
}
