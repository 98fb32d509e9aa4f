using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Slipway.Tests;

/// <summary>Creates a fresh bucket on the S3-compatible server that ./test.sh started, and the settings that point Slipway at it.</summary>
public static class TestS3
{
    public const string AccessKey = "slipway-test";
    public const string SecretKey = "slipway-test-secret";

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
