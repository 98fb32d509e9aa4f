using Slipway.Tests;

namespace Slipway.Core.Tests.Infrastructure.Artifacts;

/// <summary>The artifact store a contract test runs against.</summary>
public enum StoreKind
{
    Local,
    S3,
}

/// <summary>Each [Theory] fed by this runs on the local store and, when present, on the S3-compatible server.</summary>
public sealed class StoreKindTheoryData : TheoryData<StoreKind>
{
    public StoreKindTheoryData()
    {
        Add(StoreKind.Local);
        if (TestEnvironment.HasS3)
        {
            Add(StoreKind.S3);
        }
    }
}
