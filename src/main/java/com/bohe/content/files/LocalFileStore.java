package com.bohe.content.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Files in a directory: written to a temporary name, then moved into place, so a reader never sees half. */
final class LocalFileStore implements FileStore {

    private final Path root;

    LocalFileStore(Path root) throws IOException {
        this.root = Files.createDirectories(root.toAbsolutePath().normalize());
    }

    private Path path(String key) {
        return root.resolve(FileStore.checked(key));
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            // Through a stream, not Files.write: NIO would copy the whole file through a temporary direct buffer,
            // cached per thread, and a few large pictures would exhaust the JVM's direct memory (32 MiB in the image).
            try (java.io.OutputStream out = new java.io.FileOutputStream(temporary.toFile())) {
                out.write(bytes);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public byte[] get(String key) throws IOException {
        // A stream, not Files.readAllBytes: see put.
        try (java.io.InputStream in = new java.io.FileInputStream(path(key).toFile())) {
            return in.readAllBytes();
        } catch (java.io.FileNotFoundException e) {
            return null;
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    @Override
    public void deleteAll(String prefix) throws IOException {
        Path dir = path(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }

    @Override
    public void list(String prefix, Consumer<Stored> each) throws IOException {
        Path dir = path(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).forEach(p -> {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class);
                    each.accept(new Stored(root.relativize(p).toString().replace('\\', '/'),
                            attributes.lastModifiedTime().toInstant()));
                } catch (IOException e) {
                    // gone meanwhile
                }
            });
        }
    }

    @Override
    public String describe() {
        return "local " + root;
    }
}
