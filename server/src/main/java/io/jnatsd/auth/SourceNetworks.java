package io.jnatsd.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** A user JWT's {@code src}: CIDR blocks ({@code 10.0.0.0/8}) or single addresses a client may connect from. */
final class SourceNetworks {
    private SourceNetworks() {
    }

    static boolean contains(List<String> networks, String ip) {
        byte[] addr = parse(ip);
        if (addr == null) {
            return false;
        }
        for (String n : networks) {
            for (String one : n.split(",")) {
                if (covers(one.trim(), addr)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean covers(String cidr, byte[] addr) {
        int slash = cidr.indexOf('/');
        byte[] net = parse(slash < 0 ? cidr : cidr.substring(0, slash));
        if (net == null || net.length != addr.length) {
            return false;
        }
        int bits = net.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        for (int i = 0; i < net.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((net[i] & mask) != (addr[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Literal addresses only: never a name lookup. */
    private static byte[] parse(String ip) {
        if (ip.isEmpty() || !(Character.digit(ip.charAt(0), 16) >= 0 || ip.charAt(0) == ':')) {
            return null;
        }
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
