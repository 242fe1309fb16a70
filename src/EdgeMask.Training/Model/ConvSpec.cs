namespace EdgeMask.Training.Model;

/// <summary>One convolution of the network: kernel, stride, groups (groups == channels makes it depthwise).</summary>
public sealed record ConvSpec(int InChannels, int OutChannels, int Kernel, int Stride, int Groups)
{
    public int Padding => Kernel / 2;
}
