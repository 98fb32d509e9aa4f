namespace Slipway.Core.Serving.Deployments;

/// <summary>
/// A named deployment: the public name clients call (<c>/v2/models/{name}/infer</c>) and its routes to registry
/// versions or aliases. <see cref="Spec"/> is the serving spec's §3.1 object as JSON (<see cref="DeploymentSpec"/>);
/// <see cref="Salt"/> seeds the sticky-key hash and changes only when the experiment is reset.
/// </summary>
public sealed class Deployment
{
    public long Id { get; set; }

    public long WorkspaceId { get; set; }

    /// <summary>Case-sensitive, <c>[A-Za-z0-9][A-Za-z0-9._-]{0,127}</c> (serving spec §1.1).</summary>
    public required string Name { get; set; }

    /// <summary>The <see cref="DeploymentSpec"/> as JSON, without its name.</summary>
    public required string Spec { get; set; }

    /// <summary>The salt of the sticky-key hash (hex); kept across updates so keys stay on their routes.</summary>
    public required string Salt { get; set; }

    /// <summary>Bumped on every update; the serving plane reloads a deployment whose generation moved.</summary>
    public int Generation { get; set; } = 1;

    public string? CreatedBy { get; set; }

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }
}
