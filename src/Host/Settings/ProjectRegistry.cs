using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using PluginBot.Abstractions.Settings;

namespace PluginBot.Host.Settings;

/// <summary>Projects from configuration: <c>Projects:0:Name</c>, <c>Projects:0:Path</c>, ...</summary>
internal sealed partial class ProjectRegistry : IProjectRegistry
{
    public ProjectRegistry(IReadOnlyList<ProjectInfo> projects) => All = projects;

    public IReadOnlyList<ProjectInfo> All { get; }

    public ProjectInfo? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads and checks the projects; problems name the setting.</summary>
    public static (ProjectRegistry Registry, IReadOnlyList<string> Errors) Load(IConfiguration configuration)
    {
        var projects = new List<ProjectInfo>();
        var errors = new List<string>();
        foreach (var section in configuration.GetSection("Projects").GetChildren())
        {
            var name = section["Name"];
            if (string.IsNullOrWhiteSpace(name) || !NamePattern().IsMatch(name))
            {
                errors.Add($"Projects:{section.Key}:Name = '{name}' is not a project name: use letters, digits, '-' and '_', e.g. 'website'.");
                continue;
            }

            if (projects.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"Projects:{section.Key}:Name = '{name}' is used twice: project names must be unique.");
                continue;
            }

            projects.Add(new ProjectInfo(name, string.IsNullOrWhiteSpace(section["Path"]) ? null : Path.GetFullPath(section["Path"]!)));
        }

        return (new ProjectRegistry(projects), errors);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();
}
