using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Slipway.Tests;

/// <summary>Creates a fresh bucket on the S3-compatible server that ./test.sh started, and the settings that point Slipway at it.</summary>
public static class TestS3
{
    /// <summary>moto accepts any key pair; s3rver only its own, which ./test.sh passes in these variables.</summary>
    public static string AccessKey { get; } = Environment.GetEnvironmentVariable("SLIPWAY_TEST_S3_ACCESS_KEY") is { Length: > 0 } key ? key : "slipway-test";

    public static string SecretKey { get; } = Environment.GetEnvironmentVariable("SLIPWAY_TEST_S3_SECRET_KEY") is { Length: > 0 } secret ? secret : "slipway-test-secret";

    public static AmazonS3Client CreateClient() => new(
        new BasicAWSCredentials(AccessKey, SecretKey),
        new AmazonS3Config { ServiceURL = Endpoint(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    public static async Task<IReadOnlyDictionary<string, string?>> CreateBucketSettingsAsync()
    {
        var bucket = "slipway-" + Guid.NewGuid().ToString("N")[..20];
        using var client = CreateClient();
        await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "S3",
            ["Storage:S3:ServiceUrl"] = Endpoint(),
            ["Storage:S3:Bucket"] = bucket,
            ["Storage:S3:Prefix"] = "artifacts/",
            ["Storage:S3:AccessKey"] = AccessKey,
            ["Storage:S3:SecretKey"] = SecretKey,
            ["Storage:S3:ForcePathStyle"] = "true",
        };
    }

    private static string Endpoint() =>
        TestEnvironment.S3Endpoint
        ?? throw new InvalidOperationException("SLIPWAY_TEST_S3_URL is not set; ./test.sh starts an S3-compatible server and sets it.");
}
