namespace EdgeMask.Training.Training;

/// <summary>Preprocessed inputs (N x 3 x H x W, row-major) and their class indices.</summary>
public sealed record TensorSet(float[] Inputs, int[] Labels, int Height, int Width)
{
    public int ValuesPerSample => 3 * Height * Width;

    public int Count => Labels.Length;

    public ReadOnlySpan<float> Sample(int index) => Inputs.AsSpan(index * ValuesPerSample, ValuesPerSample);

    public static TensorSet Build(IReadOnlyList<FaceImage> images, int height, int width, Func<FaceImage, Memory<float>, int> fill)
    {
        var valuesPerSample = 3 * height * width;
        var inputs = new float[images.Count * valuesPerSample];
        var labels = new int[images.Count];
        Parallel.For(0, images.Count, i => labels[i] = fill(images[i], inputs.AsMemory(i * valuesPerSample, valuesPerSample)));
        return new TensorSet(inputs, labels, height, width);
    }

    public static TensorSet Concat(params TensorSet[] sets) =>
        new(sets.SelectMany(s => s.Inputs).ToArray(), sets.SelectMany(s => s.Labels).ToArray(), sets[0].Height, sets[0].Width);
}
