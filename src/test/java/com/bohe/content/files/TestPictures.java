package com.bohe.content.files;

/** Pictures for tests of other packages. */
public final class TestPictures {

    private TestPictures() {
    }

    public static byte[] png(int width, int height) {
        return Pictures.png(width, height);
    }

    public static byte[] jpeg(int width, int height) {
        return Pictures.jpeg(width, height);
    }
}
