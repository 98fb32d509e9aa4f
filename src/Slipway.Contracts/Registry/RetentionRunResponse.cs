namespace Slipway.Contracts.Registry;

/// <summary>
/// What a retention run did (or, with <see cref="DryRun"/>, would do) at <see cref="At"/> (epoch ms): the versions
/// archived, those whose files were deleted, those a rule selected but that are protected (alias, hold, stage), and
/// those a real run planned but skipped because they changed meanwhile.
/// </summary>
public sealed record RetentionRunResponse(
    string Name,
    bool DryRun,
    long At,
    IReadOnlyList<RetentionItemResponse> Archived,
    IReadOnlyList<RetentionItemResponse> FilesDeleted,
    IReadOnlyList<RetentionItemResponse> Protected,
    IReadOnlyList<RetentionItemResponse> Skipped);
