// Tencent Cloud CI (Cloud Infinite) inventory trigger jobs: batch processing of a bucket's objects, triggered once.
package tencentci
