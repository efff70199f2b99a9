namespace PluginBot.Abstractions.Plugins;

/// <summary>The version of the plugin API this Abstractions assembly defines.</summary>
public static class HostApiVersion
{
    /// <summary>
    /// <c>major.minor</c>. A plugin is accepted when its hostApi has the same major and a minor no greater
    /// than this. Every release that grows the API bumps the minor; a release that changes it bumps the major, and
    /// plugins built for an older major must be rebuilt against the new SDK.
    /// </summary>
    public const string Current = "2.1";
}
