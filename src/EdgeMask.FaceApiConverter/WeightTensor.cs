namespace EdgeMask.FaceApiConverter;

/// <summary>A dequantized weight tensor in the layout tfjs uses (filters are [height, width, in, out]).</summary>
internal sealed record WeightTensor(string Name, IReadOnlyList<int> Shape, float[] Values);
