package io.innkeeper.provisioning.libvirt;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * QEMU's screen dumps are binary PPM ({@code P6}), which browsers do not show and {@code javax.imageio} does not
 * read: the header is read here and the pixels written out as PNG with {@code javax.imageio}.
 */
final class PpmImage {

    private final byte[] data;
    private int at;

    private PpmImage(byte[] data) {
        this.data = data;
    }

    /** The P6 image as PNG; {@link IllegalArgumentException} when it is not a whole P6 image. */
    static byte[] toPng(byte[] ppm) {
        return new PpmImage(ppm).png();
    }

    private byte[] png() {
        if (data.length < 2 || data[0] != 'P' || data[1] != '6') {
            throw new IllegalArgumentException("not a binary PPM (P6) image");
        }
        at = 2;
        int width = number();
        int height = number();
        int max = number();
        if (width < 1 || height < 1 || width > 16_384 || height > 16_384 || max < 1 || max > 65_535) {
            throw new IllegalArgumentException("PPM size " + width + "x" + height + " or depth " + max);
        }
        at++; // the single whitespace after the depth
        int sample = max < 256 ? 1 : 2;
        if ((long) data.length - at < (long) width * height * 3 * sample) {
            throw new IllegalArgumentException("PPM image is cut short");
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = channel(sample, max);
                int g = channel(sample, max);
                int b = channel(sample, max);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    private int channel(int sample, int max) {
        int value = sample == 1 ? data[at] & 0xff : ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
        at += sample;
        return max == 255 ? value : value * 255 / max;
    }

    /** The next decimal number of the header, after whitespace and {@code #} comments. */
    private int number() {
        while (at < data.length && (Character.isWhitespace(data[at]) || data[at] == '#')) {
            if (data[at] == '#') {
                while (at < data.length && data[at] != '\n') {
                    at++;
                }
            } else {
                at++;
            }
        }
        int start = at;
        long value = 0;
        while (at < data.length && data[at] >= '0' && data[at] <= '9' && at - start < 6) {
            value = value * 10 + (data[at] - '0');
            at++;
        }
        if (at == start || at >= data.length || !Character.isWhitespace(data[at])) {
            throw new IllegalArgumentException("PPM header is not valid");
        }
        return (int) value;
    }
}
