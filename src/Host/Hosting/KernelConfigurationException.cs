namespace PluginBot.Host.Hosting;

/// <summary>The kernel's own settings are invalid: the host cannot run. Each error is one line naming the variable and the fix.</summary>
internal sealed class KernelConfigurationException(IReadOnlyList<string> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
