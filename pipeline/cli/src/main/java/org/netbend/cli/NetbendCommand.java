package org.netbend.cli;

import picocli.CommandLine.Command;

@Command(name = "netbend", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Music-reactive video by network bending of Stable Diffusion.",
        subcommands = {RenderCommand.class, AnalyzeCommand.class, GalleryCommand.class, SitesCommand.class,
            ServeCommand.class, StudioCommand.class, SubmitCommand.class, WatchCommand.class, CancelCommand.class,
            JobsCommand.class, LiveCommand.class,
            ScoreCommand.class})
public final class NetbendCommand {
}
