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
    public void Read_MissingKey_NamesKeyAndFile()
    {
        var error = Assert.Throws<InvalidDataException>(() => ModelMetadata.Read("site.onnx", new Dictionary<string, string>(), 64, 64));

        Assert.Contains("site.onnx", error.Message);
        Assert.Contains("edgemask.", error.Message);
    }
}
