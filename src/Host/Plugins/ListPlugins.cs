using System.Text;
using MediatR;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Plugins;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Host.Plugins;

/// <summary>
/// <c>/plugins</c>: an admin sees every plugin, its status, its required and optional dependencies and, when it is not active, why (for them alone: asked in a
/// group, it is answered privately).
/// </summary>
public static class ListPlugins
{
    [Access(AccessLevel.AdminOnly)]
    [Audited]
    public sealed record Command : IRequest<Reply>;

    public static readonly CommandDescriptor Descriptor = new(
        "plugins", "List plugins and their status (admin)", "", [], (_, _) => new Command())
    {
        AdminOnly = true,
    };

    internal sealed class Handler(PluginCatalog catalog) : IRequestHandler<Command, Reply>
    {
        public Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            if (catalog.Plugins.Count == 0)
            {
                return Task.FromResult(Reply.Plain("No plugins are installed: put plugin folders or DLLs into plugins/."));
            }

            var text = new StringBuilder();
            foreach (var plugin in catalog.Plugins.OrderBy(p => p.Manifest.Id, StringComparer.Ordinal))
            {
                text.Append(plugin.Manifest.Id).Append(' ').Append(plugin.Manifest.Version).Append(" — ").Append(plugin.Status);
                if (plugin.Reason is { } reason)
                {
                    text.Append(": ").Append(reason);
                }

                if (Dependencies(plugin.Manifest) is { } dependencies)
                {
                    text.Append(" (").Append(dependencies).Append(')');
                }

                text.AppendLine();
            }

            return Task.FromResult(Reply.Plain(text.ToString().TrimEnd()) with { ForSenderOnly = true });
        }

        /// <summary><c>requires: a, b; optional: c</c>, or null when the plugin names none.</summary>
        private static string? Dependencies(PluginManifest manifest)
        {
            var parts = new List<string>();
            if (manifest.Dependencies.Count > 0)
            {
                parts.Add("requires: " + string.Join(", ", manifest.Dependencies));
            }

            if (manifest.OptionalDependencies.Count > 0)
            {
                parts.Add("optional: " + string.Join(", ", manifest.OptionalDependencies));
            }

            return parts.Count == 0 ? null : string.Join("; ", parts);
        }
    }
}
