namespace Slipway.Core.Registry.Webhooks;

/// <summary>Webhook delivery and outbound URL settings (section <c>Webhooks</c>); see docs/configuration.md.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Accept plain http URLs. Default false: https only.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// Host names and address ranges (CIDR, or single addresses) that webhooks may reach although they are not
    /// public: loopback, private networks. Default empty: only public addresses.
    /// </summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>How long one delivery attempt may take, connection included. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts before a delivery is marked FAILED. Default 8.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The delay after the first failed attempt; it doubles with each further failure (plus up to 25% jitter). Default 2 s.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest delay between two attempts. Default 10 minutes.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the worker looks for due deliveries when nothing wakes it. Default 5 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deliveries one worker claims at a time. Default 16.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Checks the section at start-up; each problem names its key.</summary>
    public static IEnumerable<(string Key, string Problem)> Validate(WebhookOptions options)
    {
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(5))
        {
            yield return ("Webhooks:Timeout", "must be more than 0 and at most 00:05:00");
        }

        if (options.MaxAttempts is < 1 or > 100)
        {
            yield return ("Webhooks:MaxAttempts", "must be from 1 to 100");
        }

        if (options.BackoffBase <= TimeSpan.Zero || options.BackoffMax < options.BackoffBase)
        {
            yield return ("Webhooks:BackoffBase", "must be more than 0 and at most Webhooks:BackoffMax");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            yield return ("Webhooks:PollInterval", "must be more than 0");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            yield return ("Webhooks:BatchSize", "must be from 1 to 1000");
        }
    }

    /// <summary>How long a claim lasts; after it, another replica may take the delivery over (the timeout plus 30 s).</summary>
    public TimeSpan ClaimDuration => Timeout + TimeSpan.FromSeconds(30);
}
