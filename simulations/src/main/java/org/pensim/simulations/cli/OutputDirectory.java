package org.pensim.simulations.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The {@code --out} of a command that writes results, made and tried before any work: a run of minutes must not end
 * on a directory it cannot write, nor write into the current directory because {@code --out} was empty.
 */
final class OutputDirectory {

    private OutputDirectory() {
    }

    static void prepare(CommandLine command, Path out) {
        if (out.toString().isBlank()) {
            throw new CommandLine.ParameterException(command, "--out is empty: name a directory for the outputs");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(command, "--out " + out + " is a file, not a directory");
        }
        try {
            Files.createDirectories(out);
            Files.delete(Files.createTempFile(out, ".pensim-write-check", ".tmp"));
        } catch (IOException e) {
            throw new PensimCommand.CliFailure("--out " + out + ": cannot write the outputs there: " + describe(e));
        }
    }

    /** A file-system failure in words: what went wrong, and on which path (Java's own message is the path alone). */
    static String describe(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied on " + a.getFile();
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory: " + n.getFile();
        }
        if (e instanceof NotDirectoryException n) {
            return n.getFile() + " is not a directory";
        }
        if (e instanceof FileSystemException f) {
            return (f.getFile() == null ? "" : f.getFile() + ": ") + (f.getReason() == null ? e.getClass().getSimpleName()
                    : f.getReason());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
