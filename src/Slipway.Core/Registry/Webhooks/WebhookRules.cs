using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Webhooks;

/// <summary>Field rules shared by webhook creation and update, and the webhook's not-found error.</summary>
public static class WebhookRules
{
    public static Error? Name(string? name) =>
        string.IsNullOrEmpty(name) ? Error.MissingField("name") : Text(name, "name", RegistryLimits.NameLength);

    public static Error? Text(string? value, string field, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            return Error.Invalid($"'{field}' holds a NUL character.", field);
        }

        return value.Length > maxLength ? Error.Invalid($"'{field}' is {value.Length} characters; the limit is {maxLength}.", field) : null;
    }

    public static Error NotFound(string? id) => Error.NotFound($"Webhook with ID {id} not found.");
}
