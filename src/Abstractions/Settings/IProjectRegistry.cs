namespace PluginBot.Abstractions.Settings;

/// <summary>A project named in configuration (<c>Projects:&lt;n&gt;:Name</c>, <c>:Path</c>).</summary>
/// <param name="Name">Unique name, <c>[a-z0-9_-]+</c>.</param>
/// <param name="Path">Optional working directory.</param>
public sealed record ProjectInfo(string Name, string? Path);

/// <summary>The one registry of projects that costs, tasks and tools group by.</summary>
public interface IProjectRegistry
{
    /// <summary>Every configured project.</summary>
    IReadOnlyList<ProjectInfo> All { get; }

    /// <summary>The project with this name (case-insensitive), or null.</summary>
    ProjectInfo? Find(string name);
}
