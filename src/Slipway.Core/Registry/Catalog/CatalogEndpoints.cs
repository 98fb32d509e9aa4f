using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Slipway.Contracts.Registry;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Http;
using static Slipway.Core.Registry.RegistryEndpoints;

namespace Slipway.Core.Registry.Catalog;

/// <summary>
/// Model cards (<c>/api/v1/models/{name}/versions/{version}/card</c>, JSON or Markdown) and catalog search
/// (<c>/api/v1/catalog/search</c>, syntax in docs/catalog-search.md).
/// </summary>
public static class CatalogEndpoints
{
    public const string MarkdownContentType = "text/markdown; charset=utf-8";

    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var card = app.MapGroup("/api/v1/models/{name}/versions/{version}/card").WithTags("Model cards");
        card.MapGet("", GetCardAsync).WithName("GetModelCard").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Read))
            .WithDescription("The card as JSON; as Markdown (text/markdown) with ?format=markdown or Accept: text/markdown.");
        card.MapPut("", (string name, string version, UpdateModelCardRequest request, UpdateModelCard handler, CancellationToken ct) =>
            UpdateCardAsync(name, version, request, replace: true, handler, ct)).WithName("ReplaceModelCard").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Edit));
        card.MapPatch("", (string name, string version, UpdateModelCardRequest request, UpdateModelCard handler, CancellationToken ct) =>
            UpdateCardAsync(name, version, request, replace: false, handler, ct)).WithName("UpdateModelCard").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Edit));

        var catalog = app.MapGroup("/api/v1/catalog").WithTags("Catalog");
        catalog.MapGet("/search", SearchAsync).WithName("SearchCatalog").RequireAccess(AccessRule.Filtered(ResourceTypes.RegisteredModel));
        catalog.MapPost("/reindex", ReindexAsync).WithName("ReindexCatalog").RequireAccess(AccessRule.Platform);
        return app;
    }

    /// <summary>JSON by default; Markdown with <c>?format=markdown</c> or <c>Accept: text/markdown</c>.</summary>
    private static async Task<Results<Ok<ModelCardResponse>, ContentHttpResult, ProblemHttpResult>> GetCardAsync(
        string name, string version, HttpContext context, GetModelCard handler, CancellationToken cancellationToken, string? format = null)
    {
        if (format is not (null or "json" or "markdown"))
        {
            return ProblemResults.Problem(Infrastructure.Results.Error.Invalid($"Unknown format '{format}': use json or markdown.", "format"));
        }

        var result = await handler.HandleAsync(Segment(name), version, cancellationToken);
        if (!result.IsSuccess)
        {
            return ProblemResults.Problem(result.Error);
        }

        var markdown = format == "markdown"
            || (format is null && context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/markdown", StringComparison.OrdinalIgnoreCase)));
        return markdown
            ? TypedResults.Text(ModelCardMarkdown.Render(result.Value), MarkdownContentType)
            : TypedResults.Ok(RegistryResponses.Card(result.Value));
    }

    private static async Task<Results<Ok<ModelCardResponse>, ProblemHttpResult>> UpdateCardAsync(
        string name, string version, UpdateModelCardRequest request, bool replace, UpdateModelCard handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(new UpdateModelCardCommand(Segment(name), version, request, replace), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(RegistryResponses.Card(result.Value)) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<CatalogSearchResponse>, ProblemHttpResult>> SearchAsync(
        SearchCatalog handler,
        CancellationToken cancellationToken,
        string? q = null,
        [FromQuery(Name = "tag")] string[]? tags = null,
        [FromQuery(Name = "metric")] string[]? metrics = null,
        string? flavor = null,
        string? origin = null,
        string? stage = null,
        [FromQuery(Name = "include_archived")] bool? includeArchived = null,
        [FromQuery(Name = "facet_tag")] string[]? facetTags = null,
        int? limit = null,
        [FromQuery(Name = "page_token")] string? pageToken = null)
    {
        var result = await handler.HandleAsync(
            new SearchCatalogQuery(q, tags ?? [], metrics ?? [], flavor, origin, stage, includeArchived ?? false, facetTags ?? [], limit, pageToken), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ProblemResults.Problem(result.Error);
    }

    /// <summary>Rewrites the whole catalog index from the registry (after an upgrade, or to repair drift).</summary>
    private static async Task<Ok<CatalogReindexResponse>> ReindexAsync(CatalogIndexer indexer, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CatalogReindexResponse(await indexer.RebuildAsync(cancellationToken)));
}
