/**
 * File chores every module shares: {@link tomo.materials.io.AtomicFiles} (a file or directory
 * written beside its target and moved into place, so a crash leaves the old content or the new,
 * never half) and {@link tomo.materials.io.Sha256} (content hashes as lower-case hex). It sits at
 * the bottom of the module graph so that cgcnn, activities and workers use one implementation.
 * Imports only the JDK.
 */
package tomo.materials.io;
