using Microsoft.Extensions.Configuration;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Infrastructure;

/// <summary>
/// Checks the whole configuration at start-up and lists every problem, each naming the key to set and its
/// environment variable, so that a bad value stops the server before it serves anything.
/// </summary>
public static class SlipwayOptionsValidator
{
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        var errors = new List<string>();
        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();

        if (database.Provider is not (DatabaseProvider.Sqlite or DatabaseProvider.Postgres))
        {
            errors.Add(Key("Database:Provider", $"must be '{DatabaseProvider.Sqlite}' or '{DatabaseProvider.Postgres}', not '{database.Provider}'"));
        }

        if (database.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            errors.Add(Key("Database:ConnectionString", "is required when Database:Provider is Postgres (e.g. 'Host=127.0.0.1;Database=slipway;Username=slipway;Password=...')"));
        }

        if (storage.Provider is not (StorageProvider.Local or StorageProvider.S3))
        {
            errors.Add(Key("Storage:Provider", $"must be '{StorageProvider.Local}' or '{StorageProvider.S3}', not '{storage.Provider}'"));
        }

        if (storage.Provider == StorageProvider.S3)
        {
            if (string.IsNullOrWhiteSpace(storage.S3.Bucket))
            {
                errors.Add(Key("Storage:S3:Bucket", "is required when Storage:Provider is S3"));
            }

            if (storage.S3.ServiceUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                errors.Add(Key("Storage:S3:ServiceUrl", $"must be an absolute http(s) URL, not '{url}'"));
            }

            if (storage.S3.MultipartThresholdBytes < 5 * 1024 * 1024)
            {
                errors.Add(Key("Storage:S3:MultipartThresholdBytes", "must be at least 5242880 (5 MiB), the S3 minimum part size"));
            }

            if (storage.S3.MultipartThresholdBytes > 1024 * 1024 * 1024)
            {
                errors.Add(Key("Storage:S3:MultipartThresholdBytes", "must be at most 1073741824 (1 GiB): each upload holds one part in memory"));
            }

            if (string.IsNullOrEmpty(storage.S3.AccessKey) != string.IsNullOrEmpty(storage.S3.SecretKey))
            {
                errors.Add(Key("Storage:S3:AccessKey", "and Storage:S3:SecretKey must be set together"));
            }
        }

        var cacheSeconds = configuration["Auth:TokenCacheSeconds"];
        if (cacheSeconds is not null && !(int.TryParse(cacheSeconds, out var seconds) && seconds is >= 0 and <= 60))
        {
            errors.Add(Key("Auth:TokenCacheSeconds", $"must be a whole number of seconds from 0 to 60, not '{cacheSeconds}'"));
        }

        var retentionInterval = configuration["Registry:RetentionInterval"];
        if (retentionInterval is not null && !(TimeSpan.TryParse(retentionInterval, System.Globalization.CultureInfo.InvariantCulture, out var interval) && interval >= TimeSpan.FromSeconds(1)))
        {
            errors.Add(Key("Registry:RetentionInterval", $"must be a time span of at least one second such as '01:00:00', not '{retentionInterval}'"));
        }
        var webhooks = configuration.GetSection(Registry.Webhooks.WebhookOptions.SectionName).Get<Registry.Webhooks.WebhookOptions>() ?? new Registry.Webhooks.WebhookOptions();
        errors.AddRange(Registry.Webhooks.WebhookOptions.Validate(webhooks).Select(e => Key(e.Key, e.Problem)));
        var oidc = configuration.GetSection(Governance.Oidc.OidcOptions.SectionName).Get<Governance.Oidc.OidcOptions>() ?? new Governance.Oidc.OidcOptions();
        errors.AddRange(Governance.Oidc.OidcOptions.Validate(oidc).Select(e => Key(e.Key, e.Problem)));
        var predictionLog = configuration.GetSection(Serving.Telemetry.PredictionLogOptions.SectionName).Get<Serving.Telemetry.PredictionLogOptions>()
            ?? new Serving.Telemetry.PredictionLogOptions();
        errors.AddRange(Serving.Telemetry.PredictionLogOptions.Validate(predictionLog).Select(e => Key(e.Key, e.Problem)));
        var standardOtlp = configuration[Serving.Telemetry.TracingOptions.StandardEndpointKey] ?? Environment.GetEnvironmentVariable(Serving.Telemetry.TracingOptions.StandardEndpointKey);
        errors.AddRange(Serving.Telemetry.TracingOptions.Validate(configuration["Telemetry:OtlpEndpoint"], standardOtlp)
            .Select(e => e.Key == Serving.Telemetry.TracingOptions.StandardEndpointKey ? $"{e.Key} {e.Problem}." : Key(e.Key, e.Problem)));

        return errors;
    }

    private static string Key(string key, string problem) =>
        $"{key} {problem} (environment variable SLIPWAY_{key.Replace(":", "__", StringComparison.Ordinal)}).";
}
