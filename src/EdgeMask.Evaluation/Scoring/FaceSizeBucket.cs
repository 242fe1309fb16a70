namespace EdgeMask.Evaluation.Scoring;

/// <summary>Face size classes by box width in pixels: &lt; 32, 32-64, 64-128, &gt;= 128.</summary>
public enum FaceSizeBucket
{
    Tiny,
    Small,
    Medium,
    Large,
}

public static class FaceSizeBuckets
{
    public static FaceSizeBucket Of(int widthPixels) => widthPixels switch
    {
        < 32 => FaceSizeBucket.Tiny,
        < 64 => FaceSizeBucket.Small,
        < 128 => FaceSizeBucket.Medium,
        _ => FaceSizeBucket.Large,
    };

    public static string Name(FaceSizeBucket bucket) => bucket switch
    {
        FaceSizeBucket.Tiny => "<32 px",
        FaceSizeBucket.Small => "32-64 px",
        FaceSizeBucket.Medium => "64-128 px",
        _ => ">=128 px",
    };
}
