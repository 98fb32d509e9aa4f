using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Search;

/// <summary>
/// <c>[prefix "."] key</c>, split at the first dot (mlflow-rest.md §6.1): <c>tags.mlflow.parentRunId</c>,
/// <c>metrics.`a b`</c>, <c>metrics."a b"</c>, <c>`tags`.`a b`</c>, <c>`run name`</c>. <see cref="Text"/> is the
/// identifier as written, for error messages.
/// </summary>
internal sealed record SearchIdentifier(string? Prefix, string Key, string Text)
{
    public static Result<SearchIdentifier> Read(TokenCursor cursor, string what)
    {
        var first = cursor.Current;
        var second = cursor.Peek(1);
        var third = cursor.Peek(2);
        switch (first.Kind)
        {
            case SearchTokenKind.Word when first.Text.IndexOf('.') == first.Text.Length - 1
                                           && second.IsQuotedKey && second.Start == first.End:
                cursor.Skip(2);
                return Build(first.Text[..^1], second.Text, first.Raw + second.Raw, what);
            case SearchTokenKind.Word:
                cursor.Skip(1);
                var dot = first.Text.IndexOf('.');
                return dot < 0
                    ? Build(null, first.Text, first.Raw, what)
                    : Build(first.Text[..dot], first.Text[(dot + 1)..], first.Raw, what);
            case SearchTokenKind.Backticked when second.Kind == SearchTokenKind.Word && second.Start == first.End
                                                 && second.Text.StartsWith('.'):
                if (second.Text == "." && third.IsQuotedKey && third.Start == second.End)
                {
                    cursor.Skip(3);
                    return Build(first.Text, third.Text, first.Raw + second.Raw + third.Raw, what);
                }

                cursor.Skip(2);
                return Build(first.Text, second.Text[1..], first.Raw + second.Raw, what);
            case SearchTokenKind.Backticked:
                cursor.Skip(1);
                return Build(null, first.Text, first.Raw, what);
            default:
                return Error.Invalid(
                    $"Invalid {what}: expected an identifier such as metrics.<key>, params.<key>, tags.<key> or an attribute, got {first.Describe()}.", what);
        }
    }

    private static Result<SearchIdentifier> Build(string? prefix, string key, string text, string what)
    {
        if (key.Length == 0)
        {
            return Error.Invalid($"Invalid {what}: identifier '{text}' has no key; write <prefix>.<key>, with backticks around keys that contain spaces.", what);
        }

        return new SearchIdentifier(prefix, key, text);
    }
}
