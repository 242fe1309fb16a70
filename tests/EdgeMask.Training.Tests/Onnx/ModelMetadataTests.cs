using EdgeMask.Training.Imaging;
using EdgeMask.Training.Onnx;
using Onnx;

namespace EdgeMask.Training.Tests.Onnx;

public class ModelMetadataTests
{
    [Fact]
    public void WriteThenRead_RoundTripsEveryKey()
    {
        var model = new ModelProto();
        var metadata = new ModelMetadata(["with_mask", "without_mask", "mask_weared_incorrect"], InputSpec.Default, "abc", "{\"x\":1}", "int8-qdq");

        metadata.WriteTo(model);
        var read = ModelMetadata.Read("m.onnx", model.MetadataProps.ToDictionary(p => p.Key, p => p.Value), 64, 64);

        Assert.Equal(metadata.Labels, read.Labels);
        Assert.Equal(InputSpec.Default.Mean, read.Input.Mean);
        Assert.Equal(0.15, read.Input.CropMargin);
        Assert.Equal("int8-qdq", read.Quantization);
        Assert.Equal("RGB", model.MetadataProps.Single(p => p.Key == ModelMetadata.ChannelOrderKey).Value);
    }

    [Fact]
    public void GreyModel_IsMarkedAndReadBack_ColourModelsCarryNoColourKey()
    {
        var colour = new ModelProto();
        var grey = new ModelProto();
        var metadata = new ModelMetadata(["with_mask", "without_mask"], InputSpec.Default, "abc", "{}", "fp32");

        metadata.WriteTo(colour);
        (metadata with { Input = InputSpec.Default with { Greyscale = true } }).WriteTo(grey);

        Assert.DoesNotContain(colour.MetadataProps, p => p.Key == ModelMetadata.InputColourKey);
        Assert.Equal("grey", grey.MetadataProps.Single(p => p.Key == ModelMetadata.InputColourKey).Value);
        Assert.True(ModelMetadata.Read("g.onnx", grey.MetadataProps.ToDictionary(p => p.Key, p => p.Value), 64, 64).Input.Greyscale);
        Assert.False(ModelMetadata.Read("c.onnx", colour.MetadataProps.ToDictionary(p => p.Key, p => p.Value), 64, 64).Input.Greyscale);
        Assert.Equal(EdgeMask.Classification.MaskModelMetadata.InputColour, ModelMetadata.InputColourKey);
    }

    [Fact]
    public void StandardisedModel_IsMarkedAndReadBack_OthersCarryNoContrastKey()
    {
        var plain = new ModelProto();
        var standardised = new ModelProto();
        var metadata = new ModelMetadata(["with_mask", "without_mask"], InputSpec.Default, "abc", "{}", "fp32");

        metadata.WriteTo(plain);
        (metadata with { Input = InputSpec.Default with { Greyscale = true, StandardisedContrast = true } }).WriteTo(standardised);

        Assert.DoesNotContain(plain.MetadataProps, p => p.Key == ModelMetadata.InputContrastKey);
        Assert.Equal("standardised", standardised.MetadataProps.Single(p => p.Key == ModelMetadata.InputContrastKey).Value);
        var read = ModelMetadata.Read("s.onnx", standardised.MetadataProps.ToDictionary(p => p.Key, p => p.Value), 64, 64).Input;
        Assert.True(read.StandardisedContrast);
        Assert.True(read.Greyscale);
        Assert.False(ModelMetadata.Read("p.onnx", plain.MetadataProps.ToDictionary(p => p.Key, p => p.Value), 64, 64).Input.StandardisedContrast);
        Assert.Equal(EdgeMask.Classification.MaskModelMetadata.InputContrast, ModelMetadata.InputContrastKey);
    }

    [Fact]
    public void Read_UnknownInputContrast_NamesKeyAndValue()
    {
        var model = new ModelProto();
        new ModelMetadata(["with_mask", "without_mask"], InputSpec.Default, "abc", "{}", "fp32").WriteTo(model);
        var props = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        props[ModelMetadata.InputContrastKey] = "equalised";

        var error = Assert.Throws<InvalidDataException>(() => ModelMetadata.Read("s.onnx", props, 64, 64));

        Assert.Contains("'edgemask.input_contrast' must be 'as_captured' or 'standardised', got 'equalised'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownInputColour_NamesKeyAndValue()
    {
        var model = new ModelProto();
        new ModelMetadata(["with_mask", "without_mask"], InputSpec.Default, "abc", "{}", "fp32").WriteTo(model);
        var props = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        props[ModelMetadata.InputColourKey] = "sepia";

        var error = Assert.Throws<InvalidDataException>(() => ModelMetadata.Read("s.onnx", props, 64, 64));

        Assert.Contains("'edgemask.input_colour' must be 'colour' or 'grey', got 'sepia'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingKey_NamesKeyAndFile()
    {
        var error = Assert.Throws<InvalidDataException>(() => ModelMetadata.Read("site.onnx", new Dictionary<string, string>(), 64, 64));

        Assert.Contains("site.onnx", error.Message);
        Assert.Contains("edgemask.", error.Message);
    }
}
