using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.Host.Plugins;

/// <summary>The assemblies a plugin shares with the host: everything a plugin's public surface touches.</summary>
internal static class ContractAssemblies
{
    public static readonly Type[] SharedTypes =
    [
        typeof(IPlugin),
        typeof(IMediator),
        typeof(IServiceCollection),
        typeof(ILogger),
        typeof(IHostedService),
        typeof(IConfiguration),
        typeof(IOptions<>),
        typeof(IValidator),
        typeof(DbContext),
        typeof(RelationalDatabaseFacadeExtensions),
        typeof(IChatClient),
    ];

    private static readonly Dictionary<string, Version> HostVersions = SharedTypes
        .Select(t => t.Assembly.GetName())
        .DistinctBy(n => n.Name)
        .ToDictionary(n => n.Name!, n => n.Version ?? new Version(0, 0), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Looks for copies of contract assemblies in a plugin folder. Older or equal copies are ignored (the host's
    /// win); a newer copy means the plugin was built against an API this host does not have.
    /// </summary>
    public static (IReadOnlyList<string> Ignored, string? NewerThanHost) InspectCopies(string folder)
    {
        var ignored = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.dll"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (!HostVersions.TryGetValue(name, out var hostVersion))
            {
                continue;
            }

            Version? copyVersion;
            try
            {
                copyVersion = AssemblyName.GetAssemblyName(file).Version;
            }
            catch (BadImageFormatException)
            {
                continue;
            }

            if (copyVersion is not null && copyVersion > hostVersion)
            {
                return (ignored, $"it ships {name} {copyVersion}, newer than the host's {hostVersion}: update PluginBot or rebuild the plugin against {name} {hostVersion}");
            }

            ignored.Add(name);
        }

        return (ignored, null);
    }
}
