using EdgeMask.Core.Faces;
using EdgeMask.TestSupport;

namespace EdgeMask.Classification.Tests;

public sealed class MaskModelFileTests : IDisposable
{
    private readonly string _directory = RepoPaths.NewTempDirectory("model-file");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Inspect_ReadsInputSizeFromShapeAndContractFromMetadata()
    {
        var path = (TinyMaskModel.RedMeansMask() with
        {
            InputWidth = 48,
            InputHeight = 40,
            ChannelOrder = ChannelOrder.Bgr,
            Mean = [0.5f, 0.25f, 0.125f],
            Std = [0.2f, 0.3f, 0.4f],
            CropMargin = 0.2,
            OutputsLogits = true,
        }).WriteTo(_directory);

        var info = MaskModelFile.Inspect(path);

        Assert.Equal(path, info.Path);
        Assert.Equal(48, info.InputWidth);
        Assert.Equal(40, info.InputHeight);
        Assert.Equal(ChannelOrder.Bgr, info.ChannelOrder);
        Assert.Equal([0.5f, 0.25f, 0.125f], info.Mean);
        Assert.Equal([0.2f, 0.3f, 0.4f], info.Std);
        Assert.Equal([MaskLabels.WithMask, MaskLabels.WithoutMask], info.Labels);
        Assert.Equal([MaskStatus.Mask, MaskStatus.NoMask], info.Classes);
        Assert.False(info.OutputsProbabilities);
        Assert.Equal(0.2, info.TrainedCropMargin);
        Assert.Equal("fp32", info.Metadata[MaskModelMetadata.Quantization]);
    }

    [Fact]
    public void Inspect_InputColour_IsColourUnlessTheModelSaysGrey()
    {
        Assert.Equal(InputColour.Colour, MaskModelFile.Inspect(TinyMaskModel.RedMeansMask().WriteTo(_directory, "colour.onnx")).InputColour);
        var grey = TinyMaskModel.RedMeansMask().WithMetadata(MaskModelMetadata.InputColour, "grey").WriteTo(_directory, "grey.onnx");

        Assert.Equal(InputColour.Grey, MaskModelFile.Inspect(grey).InputColour);
    }

    [Fact]
    public void Inspect_InputContrast_IsAsCapturedUnlessTheModelSaysStandardised()
    {
        Assert.Equal(InputContrast.AsCaptured, MaskModelFile.Inspect(TinyMaskModel.RedMeansMask().WriteTo(_directory, "plain.onnx")).InputContrast);
        var standardised = TinyMaskModel.RedMeansMask().WithMetadata(MaskModelMetadata.InputContrast, "standardised").WriteTo(_directory, "standardised.onnx");

        Assert.Equal(InputContrast.Standardised, MaskModelFile.Inspect(standardised).InputContrast);
    }

    [Fact]
    public void Inspect_UnknownInputContrast_NamesTheFileTheKeyAndTheValue()
    {
        var path = TinyMaskModel.RedMeansMask().WithMetadata(MaskModelMetadata.InputContrast, "equalised").WriteTo(_directory, "odd.onnx");

        var error = Assert.Throws<MaskModelException>(() => MaskModelFile.Inspect(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("edgemask.input_contrast must be 'as_captured' or 'standardised', found 'equalised'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_GreyModelOfAnotherInputSize_NamesTheGreyModelAndBothSizes()
    {
        var main = TinyMaskModel.RedMeansMask().WriteTo(_directory, "main.onnx");
        var grey = (TinyMaskModel.RedMeansMask() with { InputWidth = 48, InputHeight = 48 }).WriteTo(_directory, "grey.onnx");

        var error = Assert.Throws<MaskModelException>(() => MaskModelFile.Check(new ClassificationOptions { ModelPath = main, GreyModelPath = grey }));

        Assert.Contains(grey, error.Message, StringComparison.Ordinal);
        Assert.Contains("Classification:GreyModelPath takes 48x48 crops but Classification:ModelPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_GreyModelTrainedWithAnotherMargin_SaysTheyMustMatch()
    {
        var main = TinyMaskModel.RedMeansMask().WriteTo(_directory, "main.onnx");
        var grey = (TinyMaskModel.RedMeansMask() with { CropMargin = 0.3 }).WriteTo(_directory, "grey.onnx");

        var error = Assert.Throws<MaskModelException>(() => MaskModelFile.Check(new ClassificationOptions { ModelPath = main, GreyModelPath = grey }));

        Assert.Contains("crop margin 0.3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MissingGreyModel_NamesItsKey()
    {
        var main = TinyMaskModel.RedMeansMask().WriteTo(_directory, "main.onnx");
        var grey = Path.Combine(_directory, "absent-grey.onnx");

        var error = Assert.Throws<MaskModelException>(() => MaskModelFile.Check(new ClassificationOptions { ModelPath = main, GreyModelPath = grey }));

        Assert.Contains(grey, error.Message, StringComparison.Ordinal);
        Assert.Contains("set Classification:GreyModelPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveGreyModelPath_PairsTheShippedGreyModelWithTheShippedModelOnly()
    {
        Assert.Equal(
            Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, ClassificationOptions.DefaultGreyModelPath)),
            new ClassificationOptions().ResolveGreyModelPath());
        Assert.Null(new ClassificationOptions { ModelPath = "/srv/my_model.onnx" }.ResolveGreyModelPath());
        Assert.Null(new ClassificationOptions { GreyModelPath = "" }.ResolveGreyModelPath());
        Assert.Equal("/srv/grey.onnx", new ClassificationOptions { ModelPath = "/srv/my_model.onnx", GreyModelPath = "/srv/grey.onnx" }.ResolveGreyModelPath());
    }

    [Fact]
    public void Inspect_ThreeClassModel_MapsTheThirdLabelToWornIncorrectly()
    {
        var info = MaskModelFile.Inspect(TinyMaskModel.ThreeClass().WriteTo(_directory));

        Assert.Equal([MaskStatus.Mask, MaskStatus.NoMask, MaskStatus.WornIncorrectly], info.Classes);
    }

    [Fact]
    public void Inspect_MissingCropMargin_LeavesItUnset()
    {
        var info = MaskModelFile.Inspect((TinyMaskModel.RedMeansMask() with { CropMargin = null }).WriteTo(_directory));

        Assert.Null(info.TrainedCropMargin);
    }

    [Fact]
    public void Inspect_MissingFile_NamesTheFile()
    {
        var path = Path.Combine(_directory, "absent.onnx");

        var error = Assert.Throws<MaskModelException>(() => MaskModelFile.Inspect(path));

        Assert.Equal(path, error.ModelPath);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_EmptyFile_SaysItIsEmpty()
    {
        var path = Path.Combine(_directory, "empty.onnx");
        File.WriteAllBytes(path, []);

        AssertRejected(path, "empty");
    }

    [Fact]
    public void Inspect_RandomBytes_SaysItIsNotAnOnnxModel()
    {
        var path = Path.Combine(_directory, "random.onnx");
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        AssertRejected(path, "not a loadable ONNX model");
    }

    [Theory]
    [InlineData(MaskModelMetadata.Labels)]
    [InlineData(MaskModelMetadata.ChannelOrder)]
    [InlineData(MaskModelMetadata.Mean)]
    [InlineData(MaskModelMetadata.Std)]
    [InlineData(MaskModelMetadata.Output)]
    public void Inspect_MissingRequiredMetadata_NamesTheKey(string key)
    {
        var path = TinyMaskModel.RedMeansMask().WithMetadata(key, null).WriteTo(_directory);

        AssertRejected(path, $"metadata key '{key}' is missing");
    }

    [Theory]
    [InlineData(MaskModelMetadata.Labels, "with_mask,sunglasses", "unknown label 'sunglasses'")]
    [InlineData(MaskModelMetadata.Labels, "with_mask", "must name 2 or 3 classes")]
    [InlineData(MaskModelMetadata.Labels, "with_mask,mask", "twice")]
    [InlineData(MaskModelMetadata.ChannelOrder, "HSV", "must be RGB or BGR")]
    [InlineData(MaskModelMetadata.Mean, "0.5,0.5", "found 2")]
    [InlineData(MaskModelMetadata.Mean, "0.5,x,0.5", "3 comma-separated numbers")]
    [InlineData(MaskModelMetadata.Std, "0.2,0,0.2", "greater than 0")]
    [InlineData(MaskModelMetadata.Output, "scores", "'probabilities' or 'logits'")]
    [InlineData(MaskModelMetadata.CropMargin, "2", "[0, 1]")]
    [InlineData(MaskModelMetadata.InputColour, "infrared", "'colour' or 'grey'")]
    public void Inspect_MalformedMetadata_NamesKeyAndProblem(string key, string value, string problem)
    {
        var path = TinyMaskModel.RedMeansMask().WithMetadata(key, value).WriteTo(_directory);

        var error = AssertRejected(path, problem);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_InputOfRankThree_SaysTheShapeIsWrong()
    {
        var path = (TinyMaskModel.RedMeansMask() with { InputShape = [-1, 3, 32] }).WriteTo(_directory);

        AssertRejected(path, "rank 4");
    }

    [Fact]
    public void Inspect_SingleChannelInput_SaysThreeChannelsAreNeeded()
    {
        var path = (TinyMaskModel.RedMeansMask() with
        {
            InputShape = [-1, 1, 32, 32],
            Weights = new float[,] { { 1f, -1f } },
        }).WriteTo(_directory);

        AssertRejected(path, "3 colour channels");
    }

    [Fact]
    public void Inspect_DynamicImageSize_SaysHeightAndWidthMustBeFixed()
    {
        var path = (TinyMaskModel.RedMeansMask() with { InputShape = [-1, 3, -1, -1] }).WriteTo(_directory);

        AssertRejected(path, "height and width must be fixed");
    }

    [Fact]
    public void Inspect_OutputClassesDifferFromLabels_SaysSo()
    {
        var path = TinyMaskModel.ThreeClass()
            .WithMetadata(MaskModelMetadata.Labels, "with_mask,without_mask")
            .WriteTo(_directory);

        AssertRejected(path, "the output has 3 classes but edgemask.labels names 2");
    }

    [Fact]
    public void Inspect_UndeclaredOutputClassCountDiffersFromLabels_IsStillRejected()
    {
        var path = (TinyMaskModel.ThreeClass() with { DeclaredClassCount = 0 })
            .WithMetadata(MaskModelMetadata.Labels, "with_mask,without_mask")
            .WriteTo(_directory);

        // ONNX Runtime's shape inference recovers C from the graph; the test inference backs that up when it cannot.
        AssertRejected(path, "the output has 3 classes but edgemask.labels names 2");
    }

    private static MaskModelException AssertRejected(string path, string problem)
    {
        var error = Assert.Throws<MaskModelException>(() => MaskModelFile.Inspect(path));
        Assert.True(error.Message.Contains(path, StringComparison.Ordinal), $"The message does not name the file: {error.Message}");
        Assert.True(error.Message.Contains(problem, StringComparison.Ordinal), $"Expected '{problem}' in: {error.Message}");
        return error;
    }
}
