using Slipway.Tests;

namespace Slipway.Core.Tests.Infrastructure.Artifacts;

/// <summary>A fact about the S3 store: a visible skip without an S3-compatible server (a failure in ./test.sh).</summary>
public sealed class S3FactAttribute : FactAttribute
{
    public S3FactAttribute()
    {
        if (!TestEnvironment.HasS3)
        {
            Skip = "SLIPWAY_TEST_S3_URL is not set: run ./test.sh for the whole suite.";
        }
    }
}
