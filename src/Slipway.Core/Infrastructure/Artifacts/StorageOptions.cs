namespace Slipway.Core.Infrastructure.Artifacts;

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Local</c> (default) or <c>S3</c>.</summary>
    public string Provider { get; set; } = StorageProvider.Local;

    public LocalStorageOptions Local { get; set; } = new();

    public S3StorageOptions S3 { get; set; } = new();
}

public sealed class LocalStorageOptions
{
    /// <summary>The artifact root. Default <c>&lt;DataDir&gt;/artifacts</c>.</summary>
    public string? Root { get; set; }
}

public sealed class S3StorageOptions
{
    /// <summary>The endpoint of an S3-compatible server, e.g. <c>http://127.0.0.1:9000</c>; empty for AWS itself.</summary>
    public string? ServiceUrl { get; set; }

    public string? Bucket { get; set; }

    /// <summary>A key prefix under which all artifacts live, e.g. <c>slipway/</c>.</summary>
    public string Prefix { get; set; } = "";

    public string Region { get; set; } = "us-east-1";

    /// <summary>Path-style addressing (<c>endpoint/bucket/key</c>), which most self-hosted servers need.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Credentials; when empty, the AWS SDK's default chain (environment, profile, instance role) is used.</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>
    /// Files larger than this are uploaded in parts of this size, each held in memory while it is sent.
    /// Default 16 MiB; from 5 MiB (the S3 minimum) to 1 GiB. With at most 10 000 parts, the default allows files of 160 GiB.
    /// </summary>
    public long MultipartThresholdBytes { get; set; } = 16 * 1024 * 1024;
}

public static class StorageProvider
{
    public const string Local = "Local";
    public const string S3 = "S3";
}
